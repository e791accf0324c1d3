"""A photo as pixels to read: decoded safely, turned upright as the phone said, the paper found and flattened."""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"})  # MPO: the JPEG of some phones' cameras
MAX_PIXELS = 40_000_000  # a 5 MB file of more pixels than a phone camera takes is a decompression bomb
WORK_SIDE = 2200  # longest side read; a phone's 4000 px photo of one page carries no more to read
FIND_SIDE = 320  # size of the thumbnail on which the paper is looked for
DIM_PAPER = 170  # grey level under which the brightest part of a photo tells a dim room


class NotAnImage(ValueError):
    """The bytes are not a photo Pillow can read in one of FORMATS."""


def open_photo(data: bytes) -> Image.Image:
    """The photo in grey levels, upright as the phone's EXIF says, its longest side at most WORK_SIDE."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            if opened.format not in FORMATS:
                raise NotAnImage(f"format {opened.format}")
            if opened.width * opened.height > MAX_PIXELS:
                raise NotAnImage("too many pixels")
            opened.draft("L", (WORK_SIDE, WORK_SIDE))  # JPEG: decode at a reduced scale, much faster
            image = ImageOps.exif_transpose(opened).convert("L")
    except NotAnImage:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombWarning) as exc:
        raise NotAnImage(type(exc).__name__) from exc
    except Image.DecompressionBombError as exc:
        raise NotAnImage("too many pixels") from exc
    image.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.LANCZOS)
    return image


def is_dim(image: Image.Image) -> bool:
    """Taken in a dim room: even the paper is grey (and, in such light, the sensor's noise is strong)."""
    small = image.copy()
    small.thumbnail((400, 400))
    return float(np.percentile(np.asarray(small, dtype=np.uint8), 95)) < DIM_PAPER


def brighten(image: Image.Image) -> Image.Image:
    """Stretch the grey levels (a photo in a dim room) and sharpen a little (a shaky hand)."""
    flat = ImageOps.autocontrast(image, cutoff=1)
    return flat.filter(ImageFilter.UnsharpMask(radius=2, percent=120, threshold=2))


def find_paper(image: Image.Image) -> Image.Image | None:
    """The sheet of paper, flattened to a rectangle, when the photo shows it whole on a darker background."""
    small = image.copy()
    small.thumbnail((FIND_SIDE, FIND_SIDE))
    pixels = np.asarray(small, dtype=np.uint8)
    mask = Image.fromarray(((pixels > _otsu(pixels)) * 255).astype(np.uint8))
    for size_filter in (ImageFilter.MaxFilter, ImageFilter.MinFilter, ImageFilter.MinFilter, ImageFilter.MaxFilter):
        mask = mask.filter(size_filter(5))  # close the print's holes in the paper, then open away specks
    bright = np.asarray(mask)
    ys, xs = np.nonzero(bright)
    if not 0.15 * bright.size < len(xs) < 0.95 * bright.size:
        return None  # no paper apart from the background, or nothing but paper
    corners = _corners(xs, ys)
    if not 0.85 < _area(corners) / len(xs) < 1.2:
        return None  # the bright part is not one quadrilateral
    scale = image.width / small.width
    quad = [(x * scale, y * scale) for x, y in corners]
    return _flatten(image, quad)


def likely_turns(image: Image.Image) -> tuple[int, int, int, int]:
    """The quarter turns (degrees counter-clockwise) that may set a page's text upright, the likeliest first.

    Ink summed along text lines rises and falls from line to gap far more than across them; and the lines of
    a form start at one margin and end raggedly, so their starts line up more than their ends."""
    ink = _ink(image)
    rows, columns = ink.mean(axis=1), ink.mean(axis=0)
    if float(np.std(np.diff(rows))) >= float(np.std(np.diff(columns))):
        return (0, 180, 90, 270) if _starts_line_up(ink) else (180, 0, 90, 270)
    return (270, 90, 0, 180) if _starts_line_up(np.rot90(ink, 3)) else (90, 270, 0, 180)


def _ink(image: Image.Image) -> np.ndarray:
    """Dark pixels of a 600 px thumbnail, specks removed, as 0/1."""
    small = image.copy()
    small.thumbnail((600, 600))
    small = small.filter(ImageFilter.MedianFilter(3))
    pixels = np.asarray(small, dtype=np.uint8)
    return (pixels < _otsu(pixels)).astype(np.float64)


def _starts_line_up(ink: np.ndarray) -> bool:
    """With lines running across: True when more lines start at one left margin than end at one right margin."""
    height, width = ink.shape
    inked = ink.sum(axis=1) > max(2.0, 0.01 * width)
    starts, ends = [], []
    row = 0
    while row < height:
        if not inked[row]:
            row += 1
            continue
        top = row
        while row < height and inked[row]:
            row += 1
        columns = np.nonzero(ink[top:row].sum(axis=0))[0]
        starts.append(columns[0])
        ends.append(width - 1 - columns[-1])
    if len(starts) < 3:
        return True
    window = max(2, width // 60)
    return _crowd(np.array(starts), window) >= _crowd(np.array(ends), window)


def _crowd(values: np.ndarray, window: int) -> int:
    """How many values lie within `window` of one another at the densest place."""
    ordered = np.sort(values)
    return int(max(np.searchsorted(ordered, v + window, side="right") - i for i, v in enumerate(ordered)))


def _otsu(pixels: np.ndarray) -> int:
    """Otsu's threshold of a grey image."""
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    between = (means[-1] * weights - means * total) ** 2 / np.maximum(weights * (total - weights), 1e-9)
    return int(np.argmax(between))


def _corners(xs: np.ndarray, ys: np.ndarray) -> list[tuple[float, float]]:
    """Top-left, top-right, bottom-right, bottom-left: the extreme points of the diagonals."""
    s, d = xs + ys, xs - ys
    picks = (np.argmin(s), np.argmax(d), np.argmax(s), np.argmin(d))
    return [(float(xs[i]), float(ys[i])) for i in picks]


def _area(quad: list[tuple[float, float]]) -> float:
    """Shoelace area of a polygon."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(quad, quad[1:] + quad[:1], strict=True))) / 2


def _flatten(image: Image.Image, quad: list[tuple[float, float]]) -> Image.Image | None:
    """The quadrilateral `quad` (clockwise from top-left) mapped onto an upright rectangle."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    width = int(max(np.hypot(x1 - x0, y1 - y0), np.hypot(x2 - x3, y2 - y3)))
    height = int(max(np.hypot(x3 - x0, y3 - y0), np.hypot(x2 - x1, y2 - y1)))
    if width < 200 or height < 200:
        return None
    target = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    rows, rhs = [], []
    for (x, y), (u, v) in zip(target, quad, strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        rhs += [u, v]
    try:
        coeffs = np.linalg.solve(np.array(rows), np.array(rhs))
    except np.linalg.LinAlgError:
        return None
    mapping = tuple(coeffs.tolist())
    return image.transform((width, height), Image.Transform.PERSPECTIVE, mapping, Image.Resampling.BICUBIC)

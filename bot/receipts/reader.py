"""Reading the dossier code off a receipt photo: its QR code or barcode first, then its printed text."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from urllib.parse import unquote

import zxingcpp
from PIL import Image, ImageFilter

from bot.nlu import extract_codes
from bot.receipts import ocr
from bot.receipts.photo import NotAnImage, brighten, find_paper, is_dim, likely_turns, open_photo
from bot.receipts.reading import How, Problem, Reading

log = logging.getLogger(__name__)

OCR_BUDGET_S = 8.0  # all Tesseract passes of one photo together
OCR_SIDE = 1800  # longest side of a page given to Tesseract
# What receipts carry: a QR code (the national portal's, iGate's), sometimes a Data Matrix or a barcode.
_F = zxingcpp.BarcodeFormat
QR = zxingcpp.BarcodeFormats([_F.QRCode])
SYMBOLS = zxingcpp.BarcodeFormats([_F.QRCode, _F.MicroQRCode, _F.DataMatrix, _F.Code128, _F.Code39])


def read_receipt(data: bytes, *, ocr_budget_s: float = OCR_BUDGET_S) -> Reading:
    """The dossier code on a receipt photo; Tesseract's passes together stop after `ocr_budget_s`."""
    start = time.monotonic()
    try:
        image = open_photo(data)
    except NotAnImage as exc:
        log.info("an attachment is not a readable image (%s)", exc)
        return Reading(problem=Problem.NOT_AN_IMAGE, seconds=time.monotonic() - start)
    paper = find_paper(image)
    for candidate, formats in _symbol_views(image, paper):
        if code := _code_in_symbols(candidate, formats):
            return Reading(code, How.SYMBOL, seconds=time.monotonic() - start)
    deadline = time.monotonic() + ocr_budget_s
    for view in _text_views(image, paper):
        left = deadline - time.monotonic()
        if left <= 0.05:
            break
        codes = ocr.codes_in_text(ocr.read_text(view, left))
        if codes:
            return Reading(codes[0], How.TEXT, seconds=time.monotonic() - start)
    return Reading(problem=Problem.NO_CODE, seconds=time.monotonic() - start)


def _code_in_symbols(image: Image.Image, formats: zxingcpp.BarcodeFormats) -> str:
    """The first dossier code carried by a QR code or barcode of the image ("" if none)."""
    for symbol in zxingcpp.read_barcodes(image, formats=formats):
        codes = extract_codes(unquote(symbol.text))
        if codes:
            return codes[0]
    return ""


def _symbol_views(
    image: Image.Image, paper: Image.Image | None
) -> Iterator[tuple[Image.Image, zxingcpp.BarcodeFormats]]:
    """The photo as taken, then enlarged and sharpened (a small or blurred QR code), then the paper flattened
    (zxing turns and inverts by itself); other symbols only in the first, where they are cheap to look for."""
    yield image, SYMBOLS
    yield _enlarged(image), QR
    if paper is not None:
        yield _enlarged(brighten(paper)), QR


def _enlarged(image: Image.Image) -> Image.Image:
    """Twice the size, sharpened: the modules of a small QR code become big enough to tell apart."""
    big = image.resize((image.width * 2, image.height * 2), Image.Resampling.BICUBIC)
    return big.filter(ImageFilter.UnsharpMask(radius=3, percent=200, threshold=0))


def _text_views(image: Image.Image, paper: Image.Image | None) -> Iterator[Image.Image]:
    """Pages for Tesseract, the likeliest first: the flattened paper, upright, then turned."""
    source = paper if paper is not None else image
    if is_dim(source):  # the noise of a dim room: a median filter keeps the strokes and drops the grain
        source = source.filter(ImageFilter.MedianFilter(3))
    page = brighten(source)
    factor = OCR_SIDE / max(page.size)
    if abs(factor - 1) > 0.1:
        page = page.resize((round(page.width * factor), round(page.height * factor)), Image.Resampling.LANCZOS)
    for angle in likely_turns(page):
        yield page.rotate(angle, expand=True) if angle else page

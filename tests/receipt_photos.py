"""Photos of paper receipts (giấy tiếp nhận hồ sơ và hẹn trả kết quả), drawn with Pillow for the tests and the bench.

A receipt is drawn as the one-stop centres print it (Mẫu 01, Thông tư 01/2018/TT-VPCP): the heading, the dossier
code, the applicant, the documents and the dates, with a QR code (segno) beside the code or without one. A photo
puts the paper on a table and can turn it, blur it, shoot it at an angle or in low light, then saves it as a
phone does (JPEG).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import segno
import zxingcpp
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
PORTAL = "https://dichvucong.travinh.gov.vn/tra-cuu-ho-so?ma="
TABLE = 96  # grey level of the wooden table under the paper


def font_path(bold: bool = False) -> Path | None:
    """DejaVu Sans (Debian's fonts-dejavu-core): a font with every Vietnamese letter."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return next((Path(d) / name for d in FONT_DIRS if (Path(d) / name).exists()), None)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = font_path(bold)
    if path is None:
        raise RuntimeError("DejaVu Sans is missing (apt-get install fonts-dejavu-core)")
    return ImageFont.truetype(str(path), size)


@dataclass(frozen=True)
class Shot:
    """How the photo was taken."""

    angle: float = 0.0  # degrees, counter-clockwise
    blur: float = 0.0  # Gaussian radius in pixels of the photo
    tilt: float = 0.0  # 0..0.25: how far the camera leans (perspective)
    light: float = 1.0  # brightness, 1 = daylight, 0.4 = a dim room
    scale: float = 1.0  # size of the paper in the photo relative to its 1240 px print
    quality: int = 80  # JPEG quality


def receipt(code: str, *, qr: str | None = None, barcode: bool = False, name: str = "Nguyễn Văn An") -> Image.Image:
    """The printed receipt at 150 dpi (1240 x 1754); `qr` is the QR code's content, None for a receipt without one;
    `barcode` prints the code as a Code 128 barcode under the heading."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    small, body, bold, title = _font(24), _font(28), _font(28, True), _font(36, True)

    def centre(y: int, text: str, font: ImageFont.FreeTypeFont, x0: int = 0, x1: int = 1240) -> None:
        width = draw.textlength(text, font=font)
        draw.text((x0 + (x1 - x0 - width) / 2, y), text, font=font, fill=0)

    centre(70, "UBND TỈNH TRÀ VINH", small, 60, 560)
    centre(104, "TRUNG TÂM PHỤC VỤ", bold, 60, 560)
    centre(140, "HÀNH CHÍNH CÔNG", bold, 60, 560)
    centre(70, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 520, 1200)
    centre(106, "Độc lập - Tự do - Hạnh phúc", bold, 520, 1200)
    draw.line((720, 146, 1000, 146), fill=0, width=2)
    centre(230, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", title)
    if qr is not None:
        out = io.BytesIO()
        segno.make(qr, error="m").save(out, kind="png", scale=6, border=2)
        mark = Image.open(io.BytesIO(out.getvalue())).convert("L")
        page.paste(mark.resize((220, 220), Image.Resampling.NEAREST), (940, 280))
    if barcode:
        bars = zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.Code128), scale=3)
        strip = Image.fromarray(np.asarray(bars)).convert("L")
        page.paste(strip.resize((strip.width, 90)), (110, 380))
    draw.text((110, 310), "Mã hồ sơ:", font=body, fill=0)
    draw.text((260, 306), code, font=_font(32, True), fill=0)
    lines = [
        "Trung tâm Phục vụ hành chính công tỉnh Trà Vinh",
        f"Tiếp nhận hồ sơ của: Ông/bà {name}",
        "Địa chỉ: Ấp Chợ, xã Tân An, huyện Càng Long, tỉnh Trà Vinh",
        "Số điện thoại: 0912 345 678    Thư điện tử: không có",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "1. Tờ khai đăng ký khai sinh theo mẫu                      Số lượng: 01",
        "2. Giấy chứng sinh (bản chính)                                Số lượng: 01",
        "3. Giấy tờ tùy thân của người đi đăng ký (bản sao)       Số lượng: 01",
        "Số lượng hồ sơ: 01 (bộ)",
        "Thời gian giải quyết hồ sơ theo quy định là: 03 ngày làm việc",
        "Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 12/11/2026",
        "Thời gian trả kết quả: 17 giờ 00 phút, ngày 17/11/2026",
        "Vào Sổ theo dõi hồ sơ, Quyển số: 01, Số thứ tự: 09",
    ]
    y = 520
    for line in lines:
        draw.text((110, y), line, font=body, fill=0)
        y += 56
    centre(y + 60, "NGƯỜI NỘP HỒ SƠ", bold, 60, 600)
    centre(y + 60, "NGƯỜI TIẾP NHẬN HỒ SƠ", bold, 600, 1180)
    centre(y + 98, "(Ký và ghi rõ họ tên)", small, 60, 600)
    centre(y + 98, "(Ký và ghi rõ họ tên)", small, 600, 1180)
    return page


def photo(page: Image.Image, shot: Shot = Shot(), *, seed: int = 0) -> bytes:
    """A JPEG of the receipt lying on a table under warm light, taken as `shot` says."""
    rng = random.Random(seed)
    size = (round(page.width * shot.scale), round(page.height * shot.scale))
    paper, mask = page.convert("L").resize(size, Image.Resampling.LANCZOS), Image.new("L", size, 255)
    if shot.tilt:
        paper, mask = _lean(paper, mask, shot.tilt, rng)
    margin = round(110 * shot.scale)
    table = Image.new("L", (paper.width + 2 * margin, paper.height + 2 * margin), TABLE)
    shift = margin // 3
    table.paste(paper, (margin + rng.randint(-shift, shift), margin + rng.randint(-shift, shift)), mask)
    picture = table.rotate(shot.angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=TABLE)
    if shot.blur:
        picture = picture.filter(ImageFilter.GaussianBlur(shot.blur))
    if shot.light != 1.0:
        picture = _dim(picture, shot.light, rng)
    warm = Image.merge("RGB", [picture, picture.point(lambda v: v * 0.95), picture.point(lambda v: v * 0.85)])
    out = io.BytesIO()
    warm.save(out, "JPEG", quality=shot.quality)
    return out.getvalue()


def _lean(
    paper: Image.Image, mask: Image.Image, tilt: float, rng: random.Random
) -> tuple[Image.Image, Image.Image]:
    """The paper (and where it lies) seen by a camera that leans: the far edge shrinks."""
    w, h = paper.size
    d = tilt * w
    top_left, top_right = (d * rng.uniform(0.6, 1.0), d * 0.2), (w - d * rng.uniform(0.6, 1.0), d * 0.2)
    corners = [top_left, top_right, (w, h), (0, h)]
    coeffs = _perspective(corners, [(0, 0), (w, 0), (w, h), (0, h)])
    return (
        paper.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC),
        mask.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR),
    )


def _perspective(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """Coefficients mapping output corners `dst` to input corners `src` (Pillow's PERSPECTIVE)."""
    rows: list[list[float]] = []
    rhs: list[float] = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return _solve(rows, rhs)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination for the 8x8 system of a perspective transform."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def _dim(picture: Image.Image, light: float, rng: random.Random) -> Image.Image:
    """A dim room: darker, flatter, with sensor noise."""
    dark = ImageEnhance.Contrast(ImageEnhance.Brightness(picture).enhance(light)).enhance(0.6 + 0.4 * light)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 3 + 6 * (1 - light), (dark.height, dark.width))
    return Image.fromarray(np.clip(np.asarray(dark, dtype=np.float64) + noise, 0, 255).astype(np.uint8))

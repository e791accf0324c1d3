"""Reading the code off photos of generated receipts: QR code, barcode, printed text; and what is no photo at all."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from bot.receipts import How, Problem
from bot.receipts.ocr import available as ocr_available
from bot.receipts.ocr import codes_in_text
from bot.receipts.reader import read_receipt
from tests.receipt_photos import PORTAL, Shot, font_path, photo, receipt
from tests.services import unavailable

CODE = "000.00.20.H59-261112-0009"


@pytest.fixture(autouse=True)
def _font() -> None:
    if font_path() is None:
        unavailable("DejaVu Sans is not installed (fonts-dejavu-core)")


def needs_tesseract() -> None:
    """Skip (or fail under REQUIRE_SERVICES=1) without Tesseract and its Vietnamese data."""
    if not ocr_available():
        unavailable("tesseract with Vietnamese data is not installed (tesseract-ocr, tesseract-ocr-vie)")


def test_a_qr_code_is_read_turned_blurred_and_in_a_dim_room() -> None:
    shot = Shot(angle=92, blur=1.2, tilt=0.08, light=0.45, scale=0.8)
    reading = read_receipt(photo(receipt(CODE, qr=PORTAL + CODE), shot, seed=4))
    assert (reading.code, reading.how) == (CODE, How.SYMBOL)


def test_a_barcode_is_read_like_a_qr_code() -> None:
    code = "H59.25.31-250107-0009"
    reading = read_receipt(photo(receipt(code, barcode=True), Shot(angle=-6, blur=0.8, light=0.7), seed=5))
    assert (reading.code, reading.how) == (code, How.SYMBOL)


def test_the_printed_code_is_read_from_a_receipt_shot_at_an_angle_in_low_light() -> None:
    needs_tesseract()
    code = "38.98.H29-210519-0013"
    shot = Shot(angle=-7, blur=0.7, tilt=0.12, light=0.5, scale=0.9)
    reading = read_receipt(photo(receipt(code), shot, seed=6))
    assert (reading.code, reading.how) == (code, How.TEXT)


def test_a_photo_without_a_code_says_so() -> None:
    needs_tesseract()
    picture = Image.new("RGB", (900, 1200), (200, 190, 170))
    out = io.BytesIO()
    picture.save(out, "JPEG")
    assert read_receipt(out.getvalue()).problem == Problem.NO_CODE


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>not found</body></html>",
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,  # a JPEG header and nothing behind it
        b"%PDF-1.7\n",
    ],
    ids=["html", "truncated-jpeg", "pdf"],
)
def test_bytes_that_are_no_photo_are_named_so(data: bytes) -> None:
    assert read_receipt(data).problem == Problem.NOT_AN_IMAGE


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    out = io.BytesIO()
    Image.new("L", (8, 8), 255).save(out, "PNG")
    png = bytearray(out.getvalue())
    header = struct.pack(">II", 30_000, 30_000) + bytes(png[24:29])  # the header says 900 million pixels
    png[16:29] = header
    png[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    assert read_receipt(bytes(png)).problem == Problem.NOT_AN_IMAGE


@pytest.mark.parametrize(
    ("ocr", "code"),
    [
        ("Mã hồ sơ: 000.00.20.H59-261112-0009", "000.00.20.H59-261112-0009"),
        ("Mã hồ sơ: O0O.00,2O.H59 - 26l1l2-OOO9 li nam]", "000.00.20.H59-261112-0009"),
        ("Mã hồ sơ O00.,68.17.H59-240313-2124", "000.68.17.H59-240313-2124"),
        ("Mã hồ sơ: 38.98.H29—21O5l9—OO13", "38.98.H29-210519-0013"),
        ("Mã hồ sơ: H59.25.3l-25OlO7-OOO9", "H59.25.31-250107-0009"),
        ("Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 12/11/2026", None),
        ("Số điện thoại: 0912 345 678", None),
        ("000.00.20.H59-261399-0009", None),  # no 13th month: a misread, not a code
    ],
)
def test_misread_characters_of_the_printed_code_are_mended(ocr: str, code: str | None) -> None:
    assert codes_in_text(ocr) == ([code] if code else [])

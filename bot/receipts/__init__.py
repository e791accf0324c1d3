"""Reading a dossier code off a photo of the paper receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả).

`reader.read_receipt` does pure CPU work on bytes already fetched: a QR code or barcode (zxing-cpp) first, then
the printed text (Tesseract through a pipe, within a time budget). No network, no files, nothing kept. This
package's top level holds only the result types, so that importing them loads no image library.
"""

from bot.receipts.reading import How, Problem, Reading

__all__ = ["How", "Problem", "Reading"]

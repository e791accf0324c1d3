"""Read rate and reading time of receipt photos: generated receipts, with and without a QR code, distorted.

Run: python bench/bench_receipts.py [--images 240] [--seed 1] [--jobs 1] [--save DIR]

Half the receipts carry a QR code (the bare code or a portal link with it), half only the printed code. Each photo
is turned (a little, or a quarter turn), blurred, shot at an angle, in low light and at a random size, each by
a seeded random amount, then read by bot.receipts.read_receipt as the worker does. It prints, for each kind,
how many photos gave the right code, how many a wrong one (a misread: OCR codes are asked back before a card),
the median and 90th-percentile reading time (wall clock, and CPU seconds of the reader and its Tesseract
processes, which the machine's other load does not inflate), and the read rate by distortion. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.receipts.ocr import available as ocr_available  # noqa: E402
from bot.receipts.reader import read_receipt  # noqa: E402
from tests.receipt_photos import PORTAL, Shot, photo, receipt  # noqa: E402


def random_code(rng: random.Random) -> str:
    """A code in one of the printed forms of SPEC section 6."""
    date = f"{rng.randint(24, 26)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    number = f"{rng.randint(1, 9999):04d}"
    form = rng.random()
    if form < 0.6:
        agency = f"000.{rng.randint(0, 99):02d}.{rng.randint(0, 99):02d}.H59"
    elif form < 0.8:
        agency = f"{rng.randint(10, 99)}.{rng.randint(10, 99)}.H{rng.randint(10, 99)}"
    else:
        agency = f"H59.{rng.randint(10, 99)}.{rng.randint(10, 99)}"
    return f"{agency}-{date}-{number}"


def random_shot(rng: random.Random) -> tuple[Shot, dict[str, bool]]:
    """Distortions drawn at random, and which of them are strong enough to name."""
    quarter = rng.random() < 0.2
    angle = rng.choice((90, 180, 270)) + rng.uniform(-4, 4) if quarter else rng.uniform(-12, 12)
    dim = rng.random() < 0.4
    shot = Shot(
        angle=angle,
        blur=rng.uniform(0, 2.0),
        tilt=rng.uniform(0, 0.2),
        light=rng.uniform(0.35, 0.6) if dim else rng.uniform(0.8, 1.0),
        scale=rng.uniform(0.55, 1.2),
        quality=rng.randint(60, 90),
    )
    tags = {
        "turned > 5°": quarter or abs(angle) > 5,
        "quarter turn": quarter,
        "blur > 1 px": shot.blur > 1.0,
        "at an angle (tilt > 0.1)": shot.tilt > 0.1,
        "low light": dim,
        "small (scale < 0.75)": shot.scale < 0.75,
    }
    return shot, tags


def make_case(seed: int, with_qr: bool) -> dict[str, Any]:
    """One photo and what it should read."""
    rng = random.Random(seed)
    code = random_code(rng)
    qr = (PORTAL + code if rng.random() < 0.5 else code) if with_qr else None
    shot, tags = random_shot(rng)
    return {"code": code, "qr": qr, "shot": shot, "tags": tags, "seed": seed}


def run_case(case: dict[str, Any], save: str = "") -> dict[str, Any]:
    """Draw, photograph and read one receipt."""
    kind = "qr" if case["qr"] else "text"
    image = photo(receipt(case["code"], qr=case["qr"]), case["shot"], seed=case["seed"])
    if save:
        Path(save, f"{kind}-{case['seed']}.jpg").write_bytes(image)
    start, cpu = time.perf_counter(), _cpu()
    reading = read_receipt(image)
    seconds, cpu_seconds = time.perf_counter() - start, _cpu() - cpu
    return {
        "kind": kind,
        "expected": case["code"],
        "read": reading.code,
        "how": str(reading.how or ""),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "tags": case["tags"],
        "shot": asdict(case["shot"]),
        "bytes": len(image),
    }


def _cpu() -> float:
    """CPU seconds of this process and of the Tesseract processes it ran (the machine's load aside)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def report(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Read rates and times by kind and by distortion."""
    out: dict[str, Any] = {}
    for kind in ("qr", "text"):
        rows = [r for r in results if r["kind"] == kind]
        if not rows:
            continue
        right = [r for r in rows if r["read"] == r["expected"]]
        wrong = [r for r in rows if r["read"] and r["read"] != r["expected"]]
        times = sorted(r["seconds"] for r in rows)
        cpu = sorted(r["cpu_seconds"] for r in rows)
        by_tag = {}
        for tag in rows[0]["tags"]:
            tagged = [r for r in rows if r["tags"][tag]]
            if tagged:
                ok = sum(r["read"] == r["expected"] for r in tagged)
                by_tag[tag] = f"{ok}/{len(tagged)}"
        out[kind] = {
            "photos": len(rows),
            "read_right": len(right),
            "read_rate": round(100 * len(right) / len(rows), 1),
            "misread": len(wrong),
            "by_qr_code": sum(r["how"] == "symbol" for r in right),
            "by_ocr": sum(r["how"] == "text" for r in right),
            "median_s": round(statistics.median(times), 3),
            "p90_s": round(times[int(0.9 * (len(times) - 1))], 3),
            "median_cpu_s": round(statistics.median(cpu), 3),
            "p90_cpu_s": round(cpu[int(0.9 * (len(cpu) - 1))], 3),
            "by_distortion": by_tag,
            "misreads": [{"expected": r["expected"], "read": r["read"]} for r in wrong][:10],
        }
    return out


def main() -> int:
    """Generate, read, report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=240, help="photos in all, half with a QR code")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="photos read at once (each reading uses one core)")
    parser.add_argument("--save", default="", help="folder to keep the generated photos in")
    args = parser.parse_args()
    if not ocr_available():
        print("Tesseract with Vietnamese data is not installed: apt-get install tesseract-ocr tesseract-ocr-vie")
        return 1
    if args.save:
        Path(args.save).mkdir(parents=True, exist_ok=True)
    half = args.images // 2
    cases = [make_case(args.seed * 100_000 + i, True) for i in range(half)]
    cases += [make_case(args.seed * 100_000 + half + i, False) for i in range(args.images - half)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(run_case, cases, [args.save] * len(cases)))
    summary = report(results)
    summary["wall_s"] = round(time.perf_counter() - started, 1)
    summary["jobs"] = args.jobs
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    detail = {"summary": summary, "photos": results}
    (out / "receipts.json").write_text(json.dumps(detail, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

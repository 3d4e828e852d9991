"""Benchmark: how long one acceptance receipt takes to render as a PDF.

Renders ``--receipts`` receipts (default 200), alternating a delivered one and a
queued one with a realistic long scope, into a temporary folder with
`write_receipt_pdf`, and prints the median and the 95th percentile render time.
The font is registered once before timing, as in the running kiosk.

Usage (from the repository root): .venv/bin/python -m bench.bench_receipt [--receipts 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from kiosk.catalogue import Text
from kiosk.clock import CHINA_TZ
from kiosk.documents.fonts import register_cjk_font
from kiosk.documents.receipt import ReceiptData, write_receipt_pdf

SCOPE = (
    Text("日用百货销售", "Retail of daily goods"),
    Text("服装服饰零售", "Retail of clothing and accessories"),
    Text("食品销售（仅销售预包装食品）", "Sale of pre-packaged food only"),
    Text(
        "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
        "Technical services, development, consulting, exchange, transfer and promotion",
    ),
)


def receipt(n: int) -> ReceiptData:
    return ReceiptData(
        service_title_zh="个体工商户设立登记",
        service_title_en="Register a sole proprietorship",
        applicant_name="王丽华",
        masked_id_number="3307**********0824",
        business_name="金华市婺城区丽华百货店",
        reference=f"K0001-{n:06d}",
        application_no=f"KA20261102-{n:06d}" if n % 2 else None,
        submitted_at=datetime(2026, 11, 2, 9, 30, tzinfo=CHINA_TZ),
        promise_days=3,
        site_name="金华市婺城区市民服务中心",
        service_code="GT-SETUP",
        kiosk_id="K-330702-0001",
        authority=Text("金华市婺城区市场监督管理局", ""),
        business_address="浙江省金华市婺城区八一南街100号东方大厦一楼102室",
        business_scope=SCOPE,
        materials_received=(
            Text("电子申请表（在本机填写并提交）", "Application form (submitted at this kiosk)"),
            Text("居民身份证（读卡器读取）", "Resident identity card (read by the card reader)"),
        ),
        materials_listed=(
            Text("经营者本人有效身份证件", "The operator's valid identity document"),
        ),
        licence_print_service=Text("营业执照自助打印", "Print your business licence"),
        lookup_service=Text("办件进度查询", "Check an application"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, default=200)
    args = parser.parse_args()
    register_cjk_font()
    times: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.receipts):
            target = Path(folder) / f"receipt-{n}.pdf"
            started = time.perf_counter()
            write_receipt_pdf(receipt(n), target)
            times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(
        f"{len(times)} receipts: median {statistics.median(times) * 1000:.1f} ms, "
        f"95th percentile {p95 * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()

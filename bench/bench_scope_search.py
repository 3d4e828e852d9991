"""Business-scope search: index build and query times for 2,000 entries (kiosk/scope_search.py).

Prints median times for building the index (cold: pypinyin's word cache emptied
first) and for a mix of queries, against a naive linear scan that runs pypinyin
on every entry for every query. The entries are composed the way the SAMR
经营范围规范表述目录 is (object + activity + qualifier), so words repeat as they
do in the real catalogue; a second build uses random characters as a worst case.
No assertions: read the numbers.

    .venv/bin/python bench/bench_scope_search.py
"""

from __future__ import annotations

import itertools
import random
import statistics
import time
from collections.abc import Callable
from functools import partial

from pypinyin import Style, lazy_pinyin

from kiosk.scope_search import ScopeIndex, ScopeItem, _phrase_lengths, _word_syllables

_OBJECT_WORDS = (
    "日用百货 服装服饰 鞋帽 针纺织品 五金产品 电子产品 家用电器 计算机软硬件及辅助设备 通讯设备 "
    "文具用品 体育用品及器材 化妆品 卫生用品 箱包 钟表 眼镜 玩具 乐器 工艺美术品及收藏品 珠宝首饰 "
    "建筑材料 金属材料 塑料制品 橡胶制品 纸制品 木制品 家具 灯具 厨具卫具及日用杂品 办公用品 "
    "汽车零配件 摩托车及零配件 自行车及零配件 电动自行车 农副产品 食用农产品 水产品 花卉 宠物食品及用品 "
    "化工产品 涂料 石油制品 煤炭及制品 机械设备 仪器仪表 电力电子元器件 光伏设备及元器件 "
    "医疗器械 消毒剂 劳动保护用品 户外用品 母婴用品 茶具 礼品花卉 二手日用百货 再生资源 包装材料 "
    "门窗 陶瓷制品 玻璃制品 电线电缆 电池 照明器具 集成电路芯片及产品 智能家庭消费设备"
)
OBJECTS = _OBJECT_WORDS.split()
ACTIVITIES = ("销售", "零售", "批发", "制造", "维修", "租赁", "进出口", "技术服务", "安装服务")
QUALIFIERS = (
    "",
    "",
    "",
    "（不含危险化学品）",
    "（除依法须经批准的项目外）",
    "（仅限分支机构经营）",
)
LICENSED = (
    ("餐饮服务", "food_business_licence"),
    ("食品销售", "food_business_licence"),
    ("道路货物运输（不含危险货物）", "road_transport_permit"),
    ("药品零售", "drug_business_licence"),
    ("烟草制品零售", "tobacco_retail_licence"),
    ("出版物零售", "publication_business_permit"),
)
QUERIES = ("rybh", "ri yong bai huo", "riyongbaihuoxiaoshou", "销售", "家用电器", "G01", "retail")
RUNS = 15


def composed_entries(count: int) -> list[ScopeItem]:
    combinations = sorted(
        {o + a + q for o, a, q in itertools.product(OBJECTS, ACTIVITIES, QUALIFIERS)}
    )
    texts = random.Random(8).sample(combinations, count)
    items: list[ScopeItem] = []
    for number, text in enumerate(texts):
        if number % 50 == 0:
            text, permit = LICENSED[(number // 50) % len(LICENSED)]
            text += f"（第{number}项）"
            items.append(ScopeItem(f"L{number:04d}", text, "Licensed item", True, permit))
        else:
            items.append(ScopeItem(f"G{number:04d}", text, f"Item {number} retail of goods"))
    return items


def random_entries(count: int) -> list[ScopeItem]:
    # Worst case: every entry a fresh string of common characters, so the word cache rarely hits.
    rng = random.Random(9)
    common = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]
    return [
        ScopeItem(f"R{n:04d}", "".join(rng.choices(common, k=rng.randint(6, 14))), "")
        for n in range(count)
    ]


def naive_search(items: list[ScopeItem], query: str) -> list[ScopeItem]:
    """What the index replaces: pypinyin on every entry for every keystroke."""
    q = "".join(query.lower().split())
    hits = []
    for item in items:
        full = "".join(lazy_pinyin(item.zh))
        initials = "".join(lazy_pinyin(item.zh, style=Style.FIRST_LETTER))
        if (
            q in item.zh
            or q in item.code.lower()
            or q in item.en.lower()
            or q in full
            or q in initials
        ):
            hits.append(item)
    return hits


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold_build(items: list[ScopeItem]) -> ScopeIndex[ScopeItem]:
    _word_syllables.cache_clear()
    return ScopeIndex(items)


def main() -> None:
    items = composed_entries(2000)
    # The very first build in a process also makes the phrase-length table (once).
    _phrase_lengths.cache_clear()
    build_first = median_ms(lambda: cold_build(items), runs=1)
    build_cold = median_ms(lambda: cold_build(items))
    build_warm = median_ms(lambda: ScopeIndex(items))
    index = ScopeIndex(items)
    query_times = {q: median_ms(partial(index.search, q)) for q in QUERIES}
    naive_times = {q: median_ms(partial(naive_search, items, q), runs=3) for q in QUERIES[:3]}
    worst = random_entries(2000)
    build_worst = median_ms(lambda: cold_build(worst), runs=5)
    worst_index = ScopeIndex(worst)
    query_worst = median_ms(lambda: worst_index.search("yi"))

    query_median = statistics.median(query_times.values())
    naive_median = statistics.median(naive_times.values())
    print(f"entries: {len(items)} composed ({sum(i.licensed for i in items)} licensed)")
    print(f"index build, first in process: {build_first:6.2f} ms (includes the phrase table)")
    print(f"index build, cold word cache: {build_cold:7.2f} ms (median of {RUNS})")
    print(f"index build, warm word cache: {build_warm:7.2f} ms")
    for query, ms in query_times.items():
        print(f"query {query!r:26} {ms:7.3f} ms  ({len(index.search(query))} hits)")
    print(f"query median:                 {query_median:7.3f} ms")
    print(f"naive scan (pypinyin/query):  {naive_median:7.1f} ms median of {list(naive_times)}")
    print(f"naive / indexed query:        {naive_median / query_median:7.0f} x")
    print(
        f"worst case, 2000 random-character entries: build {build_worst:.2f} ms cold, "
        f"query 'yi' {query_worst:.3f} ms"
    )


if __name__ == "__main__":
    main()

"""The first search query's transfer stays light as the network grows (bench_search at a small
scale, in Chromium): at most 150 KB gzip per language, and at most 1.5× for four times the
coalitions, members and statements."""
from __future__ import annotations

from microsite.tools import bench_search


def test_first_query_transfer_keeps_the_growth_bound(tmp_path):
    small = bench_search.measure(bench_search.build(tmp_path / "small", 2, 75, 8))
    large = bench_search.measure(bench_search.build(tmp_path / "large", 8, 300, 32))
    for lang in ("kk", "ru"):
        assert small[lang].results > 0 and large[lang].results > 0
        # Scripts, Material's config, the query's shard and the result pages, nothing more.
        assert large[lang].files <= 30, large[lang]
        assert large[lang].gzip <= bench_search.LIMIT_KB * 1024, large[lang]
        assert large[lang].gzip <= bench_search.GROWTH * small[lang].gzip, (small[lang], large[lang])
        # The query's pages are the most of it: more pages would be more bytes.
        assert large[lang].gzip > 20 * 1024

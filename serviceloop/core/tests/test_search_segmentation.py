import rjieba
from hypothesis import given
from hypothesis import strategies as st

from serviceloop.core.search import _CJK_RUN, _cut_runs, _normalise, query_terms, segment, tokens


def test_chinese_is_cut_into_words_and_identifiers_kept_whole():
    assert tokens("数控机床主轴异响") == ["数控机床", "主轴", "异响"]
    terms = tokens("Serial CL200-0001, ticket SL-2026-000123")
    assert {"cl2000001", "cl200", "0001", "sl2026000123", "000123", "serial", "ticket"} <= set(terms)


def test_full_width_and_case_are_normalised():
    assert tokens("ＳＰＩＮＤＬＥ Noise") == ["spindle", "noise"]


@given(st.text(max_size=300))
def test_segmenting_any_text_gives_space_free_word_terms(text):
    for term in tokens(text):
        assert term and " " not in term and '"' not in term
    assert segment(text) == " ".join(tokens(text))


@given(st.text(max_size=200))
def test_query_terms_are_unique_and_drawn_from_the_text(text):
    terms = query_terms(text)
    assert len(terms) == len(set(terms)) <= 12
    assert set(terms) <= set(tokens(text))


_MIXED = st.text(alphabet="主轴异响数控机床温度过高请安排工程师，。 CL-50ab\n", max_size=200)


@given(_MIXED)
def test_cutting_all_chinese_runs_at_once_equals_cutting_each(text):
    runs = _CJK_RUN.split(_normalise(text))[1::2]
    assert _cut_runs(runs) == [[p for p in rjieba.cut(run) if p.strip()] for run in runs]

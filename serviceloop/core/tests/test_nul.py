from serviceloop.core.nul import contains_nul, storable


def test_contains_nul_looks_into_keys_lists_and_nested_values():
    assert contains_nul("a\x00")
    assert contains_nul({"form": {"note\x00": "x"}})
    assert contains_nul({"tags": ["ok", ("fine", "b\x00d")]})
    assert not contains_nul({"subject": "Spindle", "count": 3, "tags": ["a"], "due": None})
    assert not contains_nul(0)


def test_storable_replaces_only_the_nul_and_keeps_the_shape():
    assert storable({"a\x00": ["x\x00y", 2, None], "b": {"c": "\x00"}}) == {
        "a\ufffd": ["x\ufffdy", 2, None],
        "b": {"c": "\ufffd"},
    }
    assert storable("Müller 上海") == "Müller 上海"
    assert storable(5) == 5

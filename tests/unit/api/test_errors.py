from services.api.errors import field_path


def test_field_path_reads_like_the_json_it_points_at() -> None:
    assert field_path(("body", "data", "items", 0, "qty")) == "body.data.items[0].qty"
    assert field_path(("query", "limit")) == "query.limit"
    assert field_path(("body",)) == "body"

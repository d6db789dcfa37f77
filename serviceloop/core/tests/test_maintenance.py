import pytest
from django.db import connection

from serviceloop.core.maintenance import refresh_statistics


@pytest.mark.django_db(transaction=True)
def test_statistics_are_written_on_sqlite_and_left_to_postgresql(world):
    world.ticket()
    done = refresh_statistics()
    assert done is (connection.vendor == "sqlite")
    if done:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'tickets_ticket'")
            assert cursor.fetchone()[0] > 0

"""`python -m bench`: say how the benchmark is run."""

USAGE = """\
Serviceloop benchmark, in two steps against the database named by DATABASE_URL:

  python -m bench.generate [--tickets N]   fill it with realistic tickets
                                           (default 200,000 on SQLite, 1,000,000 on PostgreSQL)
  python -m bench.run                      measure the console, search and ticket pages on it

Use a database of its own: the generator adds tickets to whatever is there.
"""


def main() -> int:
    print(USAGE, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

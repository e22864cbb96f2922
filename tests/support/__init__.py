"""What the tests share; no tests here (tests/README.md says which module holds what)."""

T0 = 1_800_000_000_000   # where tests that freeze a simulator's clock freeze it

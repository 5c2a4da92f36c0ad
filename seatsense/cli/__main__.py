"""`python -m seatsense.cli`."""

from . import main

raise SystemExit(main())

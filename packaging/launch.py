"""The bundle's entry point: the installed `main`, the same code as the wheel's `repute`."""

import sys

from main import main

sys.exit(main())

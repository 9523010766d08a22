"""The bundle's entry point: the installed `main`, the same code as the wheel's `repute`."""

from main import run

run()

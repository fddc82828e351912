"""``python -m guillemets`` runs the CLI."""

import sys

if __name__ == "__main__":
    try:
        from guillemets.cli import main
    except KeyboardInterrupt:  # Ctrl-C while the command line itself imports
        exec("pass")  # clears CPython's unhandled-interrupt flag: see cli._forget_caught_interrupt
        sys.exit(130)
    main()

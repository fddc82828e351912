"""``python -m guillemets`` runs the CLI."""

import sys

if __name__ == "__main__":
    try:
        from guillemets.cli import main
    except KeyboardInterrupt:  # Ctrl-C while the command line itself imports
        sys.exit(130)
    main()

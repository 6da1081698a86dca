from aleppo_desktop.cli import main

raise SystemExit(main())

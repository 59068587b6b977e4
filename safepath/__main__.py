from safepath.cli import main

raise SystemExit(main())

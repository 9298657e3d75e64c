from bbcs.cli import main

main()

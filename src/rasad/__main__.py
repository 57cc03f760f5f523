from rasad.cli.main import main

main()

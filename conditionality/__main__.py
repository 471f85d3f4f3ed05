from conditionality.cli import main

main()

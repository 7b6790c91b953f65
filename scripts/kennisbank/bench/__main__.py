import sys

from kennisbank.bench.runner import main

main(sys.argv[1:])

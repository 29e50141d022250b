import GANPortCLI

GANPortCommand.main()

module chankit

go 1.25.0

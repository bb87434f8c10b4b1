"""Brazilian data: CPF/CNPJ, phones, CEP, UF."""

"""The contract files shipped with the package (data only, read by :mod:`libriciel_terms.files`).

- ``comelus-2024.toml``: the ComElus 2024 contract (Annemasse Agglo, Libriciel SCOP);
- ``template.toml``: the Libriciel convention de service, whose sections a contract file inherits.
"""

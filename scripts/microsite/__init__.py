"""Content layer of the coalition microsites.

Plain Python: model, loading, page generation. Nothing here imports MkDocs, so the content
survives a change of site engine; `engines.mkdocs` is the only package that knows MkDocs.
"""

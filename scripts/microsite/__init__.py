"""Content layer of the coalition microsites.

Plain Python: model, loading, page generation. Nothing here imports MkDocs, so the content
survives a change of site engine; `mkdocs_plugin` is the only module that knows MkDocs.
"""

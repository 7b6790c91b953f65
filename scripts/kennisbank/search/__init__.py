"""The search page's data: Dutch text analysis, a compact sharded index and the files the page loads.

`text` turns text into index terms exactly as the browser does (zoeken.js), `index` builds the
index, `writer` emits every file zoeken.html needs, `lunrjs` locates the lunr.js files that MkDocs
ships and `lunr_compat` plugs the same analysis into lunr (Python) for comparison.
"""

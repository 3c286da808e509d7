"""Pictures that travel: responsive renditions of raster pictures, link-preview
cards for every page, and the cache that keeps rebuilds from encoding twice.

``plan`` reads headers and names files; ``encode`` and ``cards`` make them;
``cache`` keeps them; ``sources`` finds every picture editors use and checks it.
"""

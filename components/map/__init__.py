"""How the map is drawn: arc geometry, the wire format, folium elements and their JavaScript, assets, outlines, export."""

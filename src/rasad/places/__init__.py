"""rasad.places"""

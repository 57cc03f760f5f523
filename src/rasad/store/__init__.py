"""rasad.store"""

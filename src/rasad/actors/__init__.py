"""rasad.actors"""

"""rasad.outputs"""

"""rasad.cli"""

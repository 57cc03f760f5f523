"""rasad.control"""

"""rasad.events"""

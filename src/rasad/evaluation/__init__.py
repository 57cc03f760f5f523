"""rasad.evaluation"""

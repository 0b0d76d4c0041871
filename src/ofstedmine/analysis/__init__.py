"""ofstedmine.analysis"""

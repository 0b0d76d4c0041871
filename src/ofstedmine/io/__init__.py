"""ofstedmine.io"""

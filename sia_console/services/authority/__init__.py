"""The core lead's view of the whole authority, from the bundles of every adviser.

``summary`` answers the four questions of the home screen (the risk register, the
categories, the overdue actions, with ``coverage`` of the programme per adviser) and
``report`` writes that summary for the standards board.
"""

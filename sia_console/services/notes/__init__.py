"""Notes of visit: everything an adviser writes about a visit, and what is read from it.

``reading`` lists notes and shows one; ``editing`` starts, saves, finalises and amends
one; ``workspace`` reads all the editor shows in one transaction; ``recovery`` remembers
the draft open in the editor so a crash can offer it back; ``templates`` chooses a new
note's sections; ``actions`` and ``risk`` are the agreed actions and the floor-target
risk judgement on a note; ``history`` is a school's notes, newest first; ``search`` is
full-text search; ``export`` writes notes as Word documents.
"""

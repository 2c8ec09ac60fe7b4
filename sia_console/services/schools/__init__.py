"""Link schools: the register, each school's assignment and the history of its category.

``register`` imports a spreadsheet's list and lists and finds schools; ``assignment``
sets a school's support category and link adviser (the core lead's); ``categories``
records each change of a school's category; ``page`` answers what a school's page shows.
"""

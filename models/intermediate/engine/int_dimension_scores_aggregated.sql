{#-
    Scores of the 3 dimensions (methodology §5): the weighted sum of their sub-dimensions'
    scores on the 0–1 scale (unit_score) and on the published 0–100 scale (score).
-#}
{{ bdi.level_scores(ref('int_subdimension_scores_aggregated'), 'node_code', 'unit_score', ref('int_subdimension_weights_computed')) }}

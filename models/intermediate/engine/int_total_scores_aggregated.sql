{#-
    The total index (methodology §5): the weighted sum of the dimension scores on the 0–1
    scale (unit_score) and on the published 0–100 scale (score).
-#}
{{ bdi.level_scores(ref('int_dimension_scores_aggregated'), 'node_code', 'unit_score', ref('int_dimension_weights_computed')) }}

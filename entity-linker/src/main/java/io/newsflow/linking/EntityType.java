package io.newsflow.linking;

/** Coarse entity class used by downstream consumers (feeds, search facets). */
public enum EntityType {
    PERSON,
    ORG,
    PLACE
}

/**
 * The verdicts: each of the source documents' claims (and iolab's own against its peers)
 * judged from the medians of rounds, per round, inconclusive when rounds disagree.
 */
package org.iolab.bench.claims;

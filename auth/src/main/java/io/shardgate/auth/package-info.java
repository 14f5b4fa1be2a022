/** Principals, TLS, SCRAM, SigV4, AWS_MSK_IAM and the IAM-style policy engine shared by both protocols (DESIGN.md D11). Arrives with the security issue. */
package io.shardgate.auth;

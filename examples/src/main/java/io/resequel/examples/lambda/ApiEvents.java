package io.resequel.examples.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** API Gateway HTTP API events and a Lambda context as the runtime builds them, to invoke {@link PostsApi} in-process. */
final class ApiEvents {

    private ApiEvents() {
    }

    static APIGatewayV2HTTPEvent event(String method, String path, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    static APIGatewayV2HTTPEvent get(String path) {
        return event("GET", path, null);
    }

    static APIGatewayV2HTTPEvent post(String body) {
        return event("POST", "/posts", body);
    }

    static APIGatewayV2HTTPResponse check(int status, APIGatewayV2HTTPResponse r) {
        if (r.getStatusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r.getStatusCode() + ": " + r.getBody());
        }
        return r;
    }

    /** @return a context with 30 s left */
    static Context context() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        return new Context() {
            @Override public String getAwsRequestId() { return "local"; }
            @Override public String getLogGroupName() { return "/aws/lambda/posts"; }
            @Override public String getLogStreamName() { return "local"; }
            @Override public String getFunctionName() { return "posts"; }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:0:function:posts"; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() {
                return (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            }
            @Override public int getMemoryLimitInMB() { return 512; }
            @Override public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override public void log(String message) { System.out.println(message); }
                    @Override public void log(byte[] message) { System.out.println(new String(message)); }
                };
            }
        };
    }
}

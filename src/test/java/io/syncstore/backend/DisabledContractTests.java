package io.syncstore.backend;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Disables inherited contract tests that cannot be overridden (package-private in James), each with its reason. */
public final class DisabledContractTests implements ExecutionCondition {
    private final Map<String, String> reasonsByMethod;

    public DisabledContractTests(Map<String, String> reasonsByMethod) {
        this.reasonsByMethod = reasonsByMethod;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getTestMethod()
            .map(Method::getName)
            .filter(reasonsByMethod::containsKey)
            .map(name -> ConditionEvaluationResult.disabled(reasonsByMethod.get(name)))
            .orElse(ConditionEvaluationResult.enabled("not disabled"));
    }
}
